from . import test_fee
from . import test_fee_contract
from . import test_request_stages
from . import test_funding
from . import test_animation
from . import test_access
from . import test_portal
