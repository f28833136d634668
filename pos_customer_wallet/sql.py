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

# The movements of wallets, one row each, that every screen reads (the point
# of sale's version of account_customer_wallet/sql.py STATEMENT_MOVEMENTS):
# - the posted wallet items, except the closing's item of each member (its
#   orders are the rows); the items of invoices stay one row each; a closing
#   of Coop IT Easy's module booked each wallet payment as a payment of its
#   own (account_payment.pos_session_id on a wallet payment method, or a cash
#   statement line of the session on a wallet journal): its orders are the
#   rows too;
# - each paid order that moves a wallet with its wallet payments or with top-up
#   lines not invoiced: pending until its session's entry is posted, then
#   part of that session's item for the member (STATEMENT_DRIFT checks that
#   they add up to it);
# - the till's holds that no synced order consumed yet (see HOLD_AMOUNTS).
STATEMENT_MOVEMENTS = """
    SELECT 'item' AS kind, line.id,
           COALESCE(partner.commercial_partner_id, partner.id) AS partner_id,
           line.company_id, line.date, line.create_date AS stamp,
           move.name AS reference, NULL::varchar AS receipt,
           line.name AS label, line.journal_id, NULL::varchar AS till,
           NULL::varchar AS session, NULL::varchar AS invoice,
           FALSE AS pending, -line.balance AS amount
      FROM account_move_line line
      JOIN res_company company
           ON company.id = line.company_id
          AND company.customer_wallet_account_id = line.account_id
      JOIN account_move move ON move.id = line.move_id
      JOIN res_partner partner ON partner.id = line.partner_id
     WHERE line.parent_state = 'posted'
       AND (%(company)s::integer IS NULL OR line.company_id = %(company)s)
       AND (%(partner)s::integer IS NULL
            OR partner.commercial_partner_id = %(partner)s)
       AND NOT EXISTS (
               SELECT 1 FROM pos_session WHERE pos_session.move_id = line.move_id
           )
       AND NOT EXISTS (
               SELECT 1
                 FROM account_payment payment
                 JOIN pos_payment_method method
                   ON method.id = payment.pos_payment_method_id
                  AND method.is_customer_wallet_method
                WHERE payment.move_id = line.move_id
                  AND payment.pos_session_id IS NOT NULL
           )
       AND NOT EXISTS (
               SELECT 1
                 FROM account_bank_statement_line statement
                 JOIN account_journal journal
                   ON journal.id = line.journal_id
                  AND journal.is_customer_wallet_journal
                WHERE statement.move_id = line.move_id
                  AND statement.pos_session_id IS NOT NULL
           )
 UNION ALL
    SELECT 'order' AS kind, wallet_order.id, wallet_order.partner_id,
           wallet_order.company_id,
           (wallet_order.date_order AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
           wallet_order.date_order, wallet_order.pos_reference,
           wallet_order.pos_reference, wallet_order.name, NULL::integer,
           config.name, session.name, wallet_order.invoice,
           session.move_id IS NULL OR session_move.state != 'posted',
           wallet_order.amount
      FROM (
               SELECT pos_order.id, pos_order.name, pos_order.pos_reference,
                      pos_order.date_order, pos_order.session_id,
                      pos_order.company_id,
                      COALESCE(customer.commercial_partner_id, customer.id)
                          AS partner_id,
                      invoice.name AS invoice,
                      COALESCE((
                          SELECT -SUM(payment.amount)
                            FROM pos_payment payment
                            JOIN pos_payment_method method
                              ON method.id = payment.payment_method_id
                           WHERE payment.pos_order_id = pos_order.id
                             AND method.is_customer_wallet_method
                      ), 0.0)
                      + CASE
                            WHEN pos_order.account_move IS NULL
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
                        END AS amount
                 FROM pos_order
                 JOIN res_partner customer ON customer.id = pos_order.partner_id
            LEFT JOIN account_move invoice ON invoice.id = pos_order.account_move
                WHERE pos_order.state IN ('paid', 'done', 'invoiced')
                  AND (%(company)s::integer IS NULL
                       OR pos_order.company_id = %(company)s)
                  AND (%(partner)s::integer IS NULL
                       OR customer.commercial_partner_id = %(partner)s)
           ) AS wallet_order
      JOIN pos_session session ON session.id = wallet_order.session_id
      JOIN pos_config config ON config.id = session.config_id
 LEFT JOIN account_move session_move ON session_move.id = session.move_id
     WHERE wallet_order.amount != 0
 UNION ALL
    SELECT 'hold' AS kind, hold.id, hold.partner_id, hold.company_id,
           (hold.create_date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
           hold.create_date, hold.pos_reference, hold.pos_reference, NULL,
           NULL, config.name, session.name, NULL, TRUE, -hold.amount
      FROM customer_wallet_hold hold
      JOIN pos_session session ON session.id = hold.session_id
      JOIN pos_config config ON config.id = session.config_id
     WHERE hold.expiry > %(now)s
       AND (%(company)s::integer IS NULL OR hold.company_id = %(company)s)
       AND (%(partner)s::integer IS NULL OR hold.partner_id = %(partner)s)
       AND NOT EXISTS (
               SELECT 1
                 FROM pos_order
                WHERE pos_order.session_id = hold.session_id
                  AND pos_order.pos_reference = hold.pos_reference
                  AND pos_order.state IN ('paid', 'done', 'invoiced')
           )
"""

# The closing's wallet items that the rows of their session's orders do not
# add up to (there should be none): for each posted session entry and member,
# the wallet items of the entry (and of the payments a closing of Coop IT
# Easy's module created for the session) against the wallet payments and
# top-up lines (of orders not invoiced) of the member's orders in the session.
# %(company)s may be NULL: all companies.
STATEMENT_DRIFT = """
    WITH booked AS (
        SELECT session.id AS session_id,
               COALESCE(customer.commercial_partner_id, customer.id)
                   AS partner_id,
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
                         WHEN pos_order.account_move IS NULL
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
               ) AS amount
          FROM pos_session session
          JOIN account_move move
            ON move.id = session.move_id AND move.state = 'posted'
          JOIN pos_order ON pos_order.session_id = session.id
          JOIN res_partner customer ON customer.id = pos_order.partner_id
         WHERE pos_order.state IN ('paid', 'done', 'invoiced')
           AND (%(company)s::integer IS NULL OR pos_order.company_id = %(company)s)
      GROUP BY 1, 2
    ), item AS (
        SELECT session.id AS session_id,
               COALESCE(partner.commercial_partner_id, partner.id) AS partner_id,
               -SUM(line.balance) AS amount
          FROM pos_session session
          JOIN account_move_line line
            ON line.parent_state = 'posted'
           AND (line.move_id = session.move_id
                OR line.move_id IN (
                       SELECT payment.move_id
                         FROM account_payment payment
                         JOIN pos_payment_method method
                           ON method.id = payment.pos_payment_method_id
                          AND method.is_customer_wallet_method
                        WHERE payment.pos_session_id = session.id
                   )
                OR line.move_id IN (
                       SELECT statement.move_id
                         FROM account_bank_statement_line statement
                         JOIN account_journal journal
                           ON journal.id = line.journal_id
                          AND journal.is_customer_wallet_journal
                        WHERE statement.pos_session_id = session.id
                   ))
          JOIN res_company company
            ON company.id = line.company_id
           AND company.customer_wallet_account_id = line.account_id
          JOIN res_partner partner ON partner.id = line.partner_id
         WHERE %(company)s::integer IS NULL OR line.company_id = %(company)s
      GROUP BY 1, 2
    )
    SELECT COALESCE(booked.session_id, item.session_id),
           COALESCE(booked.partner_id, item.partner_id),
           booked.amount, item.amount
      FROM booked
 FULL JOIN item
        ON item.session_id = booked.session_id
       AND item.partner_id = booked.partner_id
     WHERE COALESCE(booked.amount, 0) != COALESCE(item.amount, 0)
"""
