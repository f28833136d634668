from . import komunigi_booklet_report
