# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The SQL that the customer wallet runs, as named constants.

Each query can be pasted into psql: its values are always bound parameters
(``%(name)s``), never assembled into the text. The ledger
(``customer.wallet.ledger``) and the stored totals (``customer.wallet.total``)
run them.
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

# Posted balances of wallets, read from the stored totals. A partner that left
# a wallet keeps a row at zero: only the non-zero totals are read.
POSTED_BALANCES = """
    SELECT partner_id, -balance
      FROM customer_wallet_total
     WHERE account_id = %(account)s
       AND partner_id = ANY(%(partners)s::integer[])
       AND balance != 0
"""

# Wallets whose rounded posted balance compares with a value ({op}: one of
# the whitelisted SQL comparison operators), and the wallets whose balance
# does not (when a zero balance matches, the others are kept).
SEARCH_BALANCE = """
    SELECT partner_id
      FROM customer_wallet_total
     WHERE account_id = %(account)s
       AND ROUND(-balance, %(digits)s) {op} %(value)s::numeric
"""
SEARCH_BALANCE_NOT = """
    SELECT partner_id
      FROM customer_wallet_total
     WHERE account_id = %(account)s
       AND NOT (ROUND(-balance, %(digits)s) {op} %(value)s::numeric)
"""
# The same for a list of amounts (the operators "in" and "not in").
SEARCH_BALANCE_IN = """
    SELECT partner_id
      FROM customer_wallet_total
     WHERE account_id = %(account)s
       AND ROUND(-balance, %(digits)s) = ANY(%(values)s::numeric[])
"""
SEARCH_BALANCE_NOT_IN = """
    SELECT partner_id
      FROM customer_wallet_total
     WHERE account_id = %(account)s
       AND NOT (ROUND(-balance, %(digits)s) = ANY(%(values)s::numeric[]))
"""

# The balance of every wallet holding money, to sort partners by their wallet
# balance (left-joined on their commercial partner by the search): the
# posted totals plus the amounts not booked yet, which the ledger reads
# (``_pending_amounts``) and binds as two arrays, rounded to the currency.
# Positional parameters, as in the search query that it joins: digits,
# wallet account, wallet ids, their pending amounts.
ORDER_BALANCES = """
    SELECT wallet.partner_id, ROUND(SUM(wallet.amount), %s) AS balance
      FROM (
               SELECT partner_id, -balance
                 FROM customer_wallet_total
                WHERE account_id = %s
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

# What the uninstall hook drops besides the triggers: the index on the
# journal items, which Odoo's uninstallation does not know, and the view of
# the Customer Wallets list (which Odoo drops with its model as well).
UNINSTALL = (
    "DROP VIEW IF EXISTS customer_wallet",
    "DROP INDEX IF EXISTS account_move_line_customer_wallet_idx",
)

# ----------------------------------------------------------------------
# Stored totals per wallet (customer.wallet.total)
# ----------------------------------------------------------------------

# The wallet accounts of the companies.
_WALLET_ACCOUNTS = """
    SELECT customer_wallet_account_id
      FROM res_company
     WHERE customer_wallet_account_id IS NOT NULL
"""

# The posted wallet items among the changed journal items, as (partner,
# account, balance) rows: new rows count as they are, old rows negated.
_CHANGES = {
    "new": "SELECT partner_id, account_id, balance FROM new_rows "
    "WHERE parent_state = 'posted' AND partner_id IS NOT NULL",
    "old": "SELECT partner_id, account_id, -balance FROM old_rows "
    "WHERE parent_state = 'posted' AND partner_id IS NOT NULL",
}

# Adds the changes of one statement on account_move_line to the totals of the
# wallets (commercial partners) on the wallet accounts, in wallet order: two
# statements taking the same rows cannot deadlock. Changes that cancel out (an
# update of other columns of a posted wallet item) touch no total.
_APPLY = f"""
        INSERT INTO customer_wallet_total (partner_id, account_id, balance)
             SELECT COALESCE(partner.commercial_partner_id, partner.id),
                    change.account_id, SUM(change.balance)
               FROM ({{changes}}) AS change (partner_id, account_id, balance)
               JOIN res_partner partner ON partner.id = change.partner_id
              WHERE change.account_id IN ({_WALLET_ACCOUNTS})
           GROUP BY 1, 2
             HAVING SUM(change.balance) != 0
           ORDER BY 1, 2
        ON CONFLICT (partner_id, account_id)
          DO UPDATE SET balance = customer_wallet_total.balance + EXCLUDED.balance;
"""

ITEMS_FUNCTION = """
CREATE OR REPLACE FUNCTION customer_wallet_total_items() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {insert}
    ELSIF TG_OP = 'UPDATE' THEN
        {update}
    ELSE
        {delete}
    END IF;
    RETURN NULL;
END;
$$;
""".format(
    insert=_APPLY.format(changes=_CHANGES["new"]),
    update=_APPLY.format(changes=_CHANGES["new"] + " UNION ALL " + _CHANGES["old"]),
    delete=_APPLY.format(changes=_CHANGES["old"]),
)

# A partner joining another wallet (a new parent, a parent that is no longer
# a company...) takes its posted items along. Both wallets' rows are written
# even when the partner has no items: a journal item of the partner booked
# at the same time then conflicts with this change (and is retried) instead
# of going to the wallet the partner is leaving. A wallet whose partner is
# being deleted gets nothing (its total goes with it).
PARTNER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION customer_wallet_total_partner() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_wallet_total (partner_id, account_id, balance)
         SELECT wallet.id, account.id, wallet.sign * COALESCE((
                    SELECT SUM(line.balance)
                      FROM account_move_line line
                     WHERE line.partner_id = NEW.id
                       AND line.account_id = account.id
                       AND line.parent_state = 'posted'
                ), 0)
           FROM ({_WALLET_ACCOUNTS}) AS account (id)
     CROSS JOIN (
                    VALUES (COALESCE(OLD.commercial_partner_id, OLD.id), -1),
                           (COALESCE(NEW.commercial_partner_id, NEW.id), 1)
                ) AS wallet (id, sign)
          WHERE EXISTS (SELECT 1 FROM res_partner WHERE id = wallet.id)
       ORDER BY 1, 2
    ON CONFLICT (partner_id, account_id)
      DO UPDATE SET balance = customer_wallet_total.balance + EXCLUDED.balance;
    RETURN NULL;
END;
$$;
"""

CREATE_TRIGGERS = (
    ITEMS_FUNCTION,
    PARTNER_FUNCTION,
    """
    CREATE TRIGGER customer_wallet_total_insert AFTER INSERT ON account_move_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_wallet_total_items()
    """,
    """
    CREATE TRIGGER customer_wallet_total_update AFTER UPDATE ON account_move_line
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_wallet_total_items()
    """,
    """
    CREATE TRIGGER customer_wallet_total_delete AFTER DELETE ON account_move_line
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_wallet_total_items()
    """,
    """
    CREATE TRIGGER customer_wallet_total_partner
    AFTER UPDATE OF commercial_partner_id ON res_partner FOR EACH ROW
    WHEN (
        COALESCE(OLD.commercial_partner_id, OLD.id)
        IS DISTINCT FROM COALESCE(NEW.commercial_partner_id, NEW.id)
    )
    EXECUTE FUNCTION customer_wallet_total_partner()
    """,
)
DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS customer_wallet_total_insert ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_update ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_delete ON account_move_line",
    "DROP TRIGGER IF EXISTS customer_wallet_total_partner ON res_partner",
    "DROP FUNCTION IF EXISTS customer_wallet_total_items()",
    "DROP FUNCTION IF EXISTS customer_wallet_total_partner()",
)

# The same totals, read from the journal items themselves.
LEDGER_TOTALS = f"""
    SELECT COALESCE(partner.commercial_partner_id, partner.id) AS partner_id,
           line.account_id, SUM(line.balance) AS balance
      FROM account_move_line line
      JOIN res_partner partner ON partner.id = line.partner_id
     WHERE line.parent_state = 'posted'
       AND line.account_id IN ({_WALLET_ACCOUNTS})
  GROUP BY 1, 2
"""

REBUILD = (
    "INSERT INTO customer_wallet_total (partner_id, account_id, balance) "
    + LEDGER_TOTALS
)

DRIFT = f"""
    SELECT COALESCE(total.partner_id, ledger.partner_id),
           COALESCE(total.account_id, ledger.account_id),
           total.balance, ledger.balance
      FROM (
               SELECT *
                 FROM customer_wallet_total
                WHERE account_id IN ({_WALLET_ACCOUNTS})
           ) total
 FULL JOIN ({LEDGER_TOTALS}) ledger
        ON ledger.partner_id = total.partner_id
       AND ledger.account_id = total.account_id
     WHERE COALESCE(total.balance, 0) != COALESCE(ledger.balance, 0)
"""
