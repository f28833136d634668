# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The SQL that the customer wallet runs, as named constants.

Each query can be pasted into psql: its values are always bound parameters
(``%(name)s``), never assembled into the text. The ledger
(``customer.wallet.ledger``) runs them.
"""


def sql_id_array(ids):
    """The ids as one PostgreSQL array literal, to cast with ``::integer[]``.

    psycopg2 adapts a list element by element: for the ten thousand partners
    a point of sale loads, that took longer than the query using them.
    """
    return "{%s}" % ",".join(map(str, map(int, ids)))


# ----------------------------------------------------------------------
# Balances, search, lock, statement (customer.wallet.ledger)
# ----------------------------------------------------------------------

# {partner: commercial partner}. An IN over the unnested ids lets the planner
# probe the primary key, where "= ANY" scanned the table for a few thousand ids.
COMMERCIAL_IDS = """
    SELECT id, commercial_partner_id
      FROM res_partner
     WHERE id IN (SELECT unnest(%(partners)s::integer[]))
"""

# Posted balances of wallets: the posted items on the wallet account of the
# partners of the given commercial partners, added up per commercial partner.
# The partners come from their indexed commercial_partner_id; their items from
# the covering partial index account_move_line_customer_wallet_idx (partner,
# account, company; balance; posted only), read without visiting the table.
# Only the non-zero balances are read.
POSTED_BALANCES = """
    SELECT partner.commercial_partner_id, -SUM(line.balance)
      FROM res_partner partner
      JOIN account_move_line line
           ON line.partner_id = partner.id
          AND line.account_id = %(account)s
          AND line.company_id = %(company)s
          AND line.parent_state = 'posted'
     WHERE partner.commercial_partner_id IN (SELECT unnest(%(partners)s::integer[]))
  GROUP BY partner.commercial_partner_id
    HAVING SUM(line.balance) != 0
"""

# Wallets whose rounded posted balance compares with a value ({op}: one of
# the whitelisted SQL comparison operators), and the wallets whose balance
# does not (when a zero balance matches, the others are kept): the posted
# items on the wallet account, through the same index, added up per
# commercial partner. Partners without items (a zero balance) are not read.
_SEARCH = """
    SELECT COALESCE(partner.commercial_partner_id, partner.id)
      FROM account_move_line line
      JOIN res_partner partner ON partner.id = line.partner_id
     WHERE line.account_id = %(account)s
       AND line.company_id = %(company)s
       AND line.parent_state = 'posted'
  GROUP BY 1
    HAVING {having}
"""
_ROUNDED = "ROUND(-SUM(line.balance), %(digits)s)"
SEARCH_BALANCE = _SEARCH.format(having=_ROUNDED + " {op} %(value)s::numeric")
SEARCH_BALANCE_NOT = _SEARCH.format(
    having="NOT (" + _ROUNDED + " {op} %(value)s::numeric)"
)
# The same for a list of amounts (the operators "in" and "not in").
SEARCH_BALANCE_IN = _SEARCH.format(having=_ROUNDED + " = ANY(%(values)s::numeric[])")
SEARCH_BALANCE_NOT_IN = _SEARCH.format(
    having="NOT (" + _ROUNDED + " = ANY(%(values)s::numeric[]))"
)

# The balance of every wallet holding money, to sort partners by their wallet
# balance (left-joined on their commercial partner by the search): the
# posted items on the wallet account plus the amounts not booked yet, which
# the ledger reads (``_pending_amounts``) and binds as two arrays, rounded to
# the currency. Positional parameters, as in the search query that it joins:
# digits, wallet account, company, wallet ids, their pending amounts.
ORDER_BALANCES = """
    SELECT wallet.partner_id, ROUND(SUM(wallet.amount), %s) AS balance
      FROM (
               SELECT COALESCE(partner.commercial_partner_id, partner.id),
                      -line.balance
                 FROM account_move_line line
                 JOIN res_partner partner ON partner.id = line.partner_id
                WHERE line.account_id = %s
                  AND line.company_id = %s
                  AND line.parent_state = 'posted'
            UNION ALL
               SELECT unnest(%s::integer[]), unnest(%s::numeric[])
           ) AS wallet (partner_id, amount)
  GROUP BY wallet.partner_id
"""

# Serialise the debits of wallets: one narrow row per wallet, created on its
# first lock, its version bumped by each lock, taken in wallet order.
LOCK_WALLETS = """
    WITH wallet AS (
        SELECT id, COALESCE(commercial_partner_id, id) AS commercial_id
          FROM res_partner
         WHERE id = ANY(%(partners)s::integer[])
    ), locked AS (
        INSERT INTO customer_wallet_lock (partner_id, version)
             SELECT DISTINCT commercial_id, 1
               FROM wallet
           ORDER BY 1
        ON CONFLICT (partner_id)
          DO UPDATE SET version = customer_wallet_lock.version + 1
    )
    SELECT id, commercial_id FROM wallet
"""

# The movements of wallets, one row each, that every screen reads (the
# statement, the portal, the Customer Wallets list): here the posted wallet
# items; the point of sale reads its own (pos_customer_wallet/sql.py), where
# each of its orders is a row. %(partner)s (a commercial partner) and
# %(company)s may be NULL: the movements of all wallets, of all companies.
# stamp is when the movement was recorded (UTC), a tie-breaker within a day.
STATEMENT_MOVEMENTS = """
    SELECT 'item' AS kind, line.id,
           COALESCE(partner.commercial_partner_id, partner.id) AS partner_id,
           line.company_id, line.date, line.create_date AS stamp,
           move.name AS reference, NULL::varchar AS receipt,
           line.name AS label, line.journal_id, NULL::varchar AS till,
           NULL::varchar AS session, FALSE AS pending, -line.balance AS amount
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
"""

# A page of the movements of one wallet ({movements}: the query above, or the
# point of sale's), oldest or newest first, each with the running balance, the
# count of the rows of the period and the opening balance of the period.
_STATEMENT_ROWS = """
    WITH movement AS ({{movements}}), running AS (
        SELECT movement.*,
               SUM(amount) OVER (ORDER BY date, stamp, kind, id) AS balance
          FROM movement
    )
    SELECT running.*,
           COUNT(*) OVER () AS total,
           COALESCE((SELECT SUM(amount) FROM movement
                      WHERE %(date_from)s::date IS NOT NULL
                        AND date < %(date_from)s::date), 0) AS opening
      FROM running
     WHERE (%(date_from)s::date IS NULL OR date >= %(date_from)s::date)
       AND (%(date_to)s::date IS NULL OR date <= %(date_to)s::date)
  ORDER BY date {order}, stamp {order}, kind {order}, id {order}
     LIMIT %(limit)s OFFSET %(offset)s
"""
STATEMENT_ROWS = _STATEMENT_ROWS.format(order="ASC")
STATEMENT_ROWS_NEWEST_FIRST = _STATEMENT_ROWS.format(order="DESC")

# The balance before a period without movements.
STATEMENT_OPENING = """
    SELECT COALESCE(SUM(amount), 0)
      FROM ({movements}) AS movement
     WHERE date < %(date_from)s::date
"""

# One row per wallet (commercial partner and company) having movements, added
# up from the same movements as the statement: the Customer Wallets list
# (customer.wallet). Its id is made of the partner's and the company's.
CUSTOMER_WALLET_LIST = """
    SELECT movement.partner_id::bigint * 100000 + movement.company_id AS id,
           movement.partner_id, movement.company_id,
           company.currency_id,
           ROUND(SUM(movement.amount)::numeric, currency.decimal_places)
               AS balance,
           MAX(movement.date) AS last_move_date,
           COUNT(*) AS move_line_count
      FROM ({movements}) AS movement
      JOIN res_company company ON company.id = movement.company_id
      JOIN res_currency currency ON currency.id = company.currency_id
  GROUP BY movement.partner_id, movement.company_id, company.currency_id,
           currency.decimal_places
"""

# The stored totals per wallet up to 16.0.1.5.0 (customer.wallet.total,
# replaced by the indexed aggregate above), their triggers and functions: the
# migration to 16.0.1.6.0 and the uninstall hook drop them if present. Odoo
# removes the model's records but not its table, once the model is gone.
DROP_STORED_TOTALS = (
    "DROP TRIGGER IF EXISTS customer_wallet_total_insert ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_update ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_delete ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_partner ON res_partner",
    "DROP FUNCTION IF EXISTS customer_wallet_total_items()",
    "DROP FUNCTION IF EXISTS customer_wallet_total_partner()",
    "DROP TABLE IF EXISTS customer_wallet_total",
)

# What the uninstall hook drops besides: the index on the journal items,
# which Odoo's uninstallation does not know, and the view of the Customer
# Wallets list (which Odoo drops with its model as well).
UNINSTALL = (
    "DROP VIEW IF EXISTS customer_wallet",
    "DROP INDEX IF EXISTS account_move_line_customer_wallet_idx",
)
