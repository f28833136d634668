from . import portal, portal_state_report
