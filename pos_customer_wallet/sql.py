# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The SQL that the point of sale's wallet runs, as named constants."""

# Wallet movements of paid POS orders that no posted journal entry holds yet:
# wallet payments (debits) and top-up lines (credits) of orders whose session
# has no posted entry, whatever the state of the session says (a session
# written "closed" without its entry keeps its orders pending). Invoiced
# orders book their top-up lines in the invoice, so only their wallet
# payments wait for the session entry. The query runs for
# each synced wallet order: it starts from the asked wallets' orders (or from
# the sessions not posted yet, for all wallets) and reads the payments and
# lines of each pending order through their indexes, so that its cost grows
# neither with the history of the shop nor with the orders of other members.
PENDING_QUERY = """
    SELECT partner.commercial_partner_id,
           SUM(
               COALESCE((
                   SELECT -SUM(payment.amount)
                     FROM pos_payment payment
                     JOIN pos_payment_method method
                       ON method.id = payment.payment_method_id
                    WHERE payment.pos_order_id = pos_order.id
                      AND method.is_customer_wallet_method
               ), 0.0)
               + CASE
                     WHEN pos_order.state IN ('paid', 'done')
                      AND pos_order.account_move IS NULL
                     THEN COALESCE((
                         SELECT SUM(line.price_subtotal)
                           FROM pos_order_line line
                           JOIN product_product product
                             ON product.id = line.product_id
                           JOIN product_template template
                             ON template.id = product.product_tmpl_id
                          WHERE line.order_id = pos_order.id
                            AND template.is_customer_wallet_product
                     ), 0.0)
                     ELSE 0.0
                 END
           )
      FROM pos_session session
 LEFT JOIN account_move move ON move.id = session.move_id
      JOIN pos_order ON pos_order.session_id = session.id
      JOIN res_partner partner ON partner.id = pos_order.partner_id
     WHERE (session.move_id IS NULL OR move.state != 'posted')
       AND pos_order.state IN ('paid', 'done', 'invoiced')
       AND pos_order.company_id = %(company_id)s
       AND (%(all_partners)s OR partner.commercial_partner_id = ANY(%(partner_ids)s::integer[]))
  GROUP BY partner.commercial_partner_id
"""

# Money that the tills' asks keep in wallets for orders not synced yet
# (customer.wallet.hold): the holds not expired, less those whose paid order
# reached the server (its movements are then pending, or booked, by
# themselves). The synced order deletes its hold as well; the NOT EXISTS keeps
# an order from counting twice until then. Holds are few: the query starts
# from them and probes the orders of their session through its index.
HOLD_AMOUNTS = """
    SELECT hold.partner_id, -SUM(hold.amount)
      FROM customer_wallet_hold hold
     WHERE hold.company_id = %(company_id)s
       AND hold.expiry > %(now)s
       AND (%(all_partners)s OR hold.partner_id = ANY(%(partner_ids)s::integer[]))
       AND NOT EXISTS (
               SELECT 1
                 FROM pos_order
                WHERE pos_order.session_id = hold.session_id
                  AND pos_order.pos_reference = hold.pos_reference
                  AND pos_order.state IN ('paid', 'done', 'invoiced')
           )
  GROUP BY hold.partner_id
"""

# Both of the above in one round trip (the rows of one wallet are added up by
# the ledger): the balances of a till's partners and the balance search stay
# a constant number of queries.
PENDING_AND_HELD = "(" + PENDING_QUERY + ") UNION ALL (" + HOLD_AMOUNTS + ")"
