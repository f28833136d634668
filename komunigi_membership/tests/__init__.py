from . import (
    test_access,
    test_admission,
    test_booklet,
    test_checklist,
    test_delivery,
    test_mandate,
    test_mandate_cron,
    test_portal,
)
