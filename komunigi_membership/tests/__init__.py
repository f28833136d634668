from . import (
    test_access,
    test_admission,
    test_booklet,
    test_checklist,
    test_company,
    test_delivery,
    test_display,
    test_mandate,
    test_mandate_cron,
    test_portal,
    test_tours,
)
