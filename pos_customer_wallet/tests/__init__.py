from . import test_config
from . import test_order_sync
from . import test_session_closing
from . import test_security
from . import test_frontend
