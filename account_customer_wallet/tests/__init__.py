from . import (
    test_balance,
    test_concurrency,
    test_config,
    test_integrity,
    test_holes,
    test_limit,
    test_performance,
    test_portal,
    test_search,
    test_statement,
    test_total,
    test_wizards,
)
