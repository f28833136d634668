from . import test_admission
from . import test_booklet
from . import test_mandate
from . import test_mandate_cron
from . import test_access
from . import test_portal
