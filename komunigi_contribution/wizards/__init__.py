from . import komunigi_funding_invoice_wizard
