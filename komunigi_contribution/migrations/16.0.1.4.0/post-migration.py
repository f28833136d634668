# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import logging

_logger = logging.getLogger(__name__)

# The credit notes of co-funding invoices made before 16.0.1.4.0 (by the
# re-estimation or by hand) carry the request and the funding role of the
# invoice they reverse, so that the request's ledger subtracts them.
LINK_FUNDING_CREDIT_NOTES = """
UPDATE account_move AS credit
   SET komunigi_request_id = origin.komunigi_request_id,
       komunigi_funding_role = origin.komunigi_funding_role
  FROM account_move AS origin
 WHERE credit.reversed_entry_id = origin.id
   AND origin.komunigi_request_id IS NOT NULL
   AND credit.komunigi_request_id IS NULL
"""


def migrate(cr, version):
    if not version:
        return
    # A credit note of a credit note follows once its origin is linked.
    total = 0
    while True:
        cr.execute(LINK_FUNDING_CREDIT_NOTES)
        if not cr.rowcount:
            break
        total += cr.rowcount
    _logger.info("%s co-funding credit notes linked to their request", total)
