from . import komunigi_fee_report
from . import komunigi_animation_report
