from . import komunigi_animation_report, komunigi_fee_report
