from . import test_config
from . import test_balance
from . import test_search
from . import test_limit
