from . import test_config
from . import test_balance
from . import test_search
from . import test_limit
from . import test_concurrency
from . import test_performance
from . import test_wizards
