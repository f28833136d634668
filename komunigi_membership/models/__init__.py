from . import komunigi_join_condition
from . import komunigi_admission_check
from . import komunigi_booklet_section
from . import komunigi_community_rule
from . import komunigi_mandate
from . import komunigi_proposal
from . import calendar_event
from . import res_partner
