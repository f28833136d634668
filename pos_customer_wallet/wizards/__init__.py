from . import pos_make_payment
