from . import test_fee
from . import test_fee_contract
