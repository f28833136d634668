from . import (
    calendar_event,
    komunigi_admission_check,
    komunigi_booklet_section,
    komunigi_community_rule,
    komunigi_join_condition,
    komunigi_mandate,
    komunigi_proposal,
    mail_mail,
    res_partner,
)
