from . import (
    test_access,
    test_animation,
    test_demo,
    test_fee,
    test_fee_contract,
    test_funding,
    test_pledge,
    test_portal,
    test_request_stages,
    test_settings,
    test_settlement,
    test_tours,
)
