# the fee report first: the animation report's view reads (and is dropped
# with) the fee report's view
from . import komunigi_fee_report  # isort:skip
from . import komunigi_animation_report  # isort:skip
from . import komunigi_transparency  # isort:skip
from . import komunigi_state_report  # isort:skip
