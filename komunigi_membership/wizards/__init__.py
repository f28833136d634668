from . import komunigi_withdraw_wizard
