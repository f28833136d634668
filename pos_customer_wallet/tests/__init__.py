from . import (
    test_concurrency,
    test_config,
    test_frontend,
    test_hold,
    test_holes,
    test_integrity,
    test_order_sync,
    test_rpc,
    test_security,
    test_session_closing,
    test_session_entry,
    test_statement_rows,
)
