from . import (
    test_config,
    test_frontend,
    test_order_sync,
    test_security,
    test_session_closing,
)
