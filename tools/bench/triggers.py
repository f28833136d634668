"""The stored totals' triggers: the design that the indexed aggregate replaced.

Up to account_customer_wallet 16.0.1.5.0, the database kept a total per
wallet and wallet account (``customer_wallet_total``), added up by statement
triggers on the journal items and a row trigger on the partners. The bench
measured that they cost 18 % on ordinary invoice posting and reconciling
(target: 3 %), while the aggregate over the posted items through their
covering index met the balances' and the search's targets without them: the
addon dropped them (16.0.1.6.0). ``make bench`` still measures their cost, as
a reference: ``install`` creates the table, the functions and the triggers in
the bench's own transaction, which is always rolled back.
"""

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
)

# The table as the addon's model (customer.wallet.total) had it.
CREATE_TABLE = """
    CREATE TABLE customer_wallet_total (
        id serial PRIMARY KEY,
        partner_id integer NOT NULL REFERENCES res_partner ON DELETE CASCADE,
        account_id integer NOT NULL REFERENCES account_account ON DELETE CASCADE,
        balance numeric,
        CONSTRAINT customer_wallet_total_partner_account_unique
            UNIQUE (partner_id, account_id)
    )
"""

# The totals computed from the journal items, as the model's init did.
REBUILD = f"""
    INSERT INTO customer_wallet_total (partner_id, account_id, balance)
         SELECT COALESCE(partner.commercial_partner_id, partner.id),
                line.account_id, SUM(line.balance)
           FROM account_move_line line
           JOIN res_partner partner ON partner.id = line.partner_id
          WHERE line.parent_state = 'posted'
            AND line.account_id IN ({_WALLET_ACCOUNTS})
       GROUP BY 1, 2
"""


def install(cr):
    """Create the stored totals and their triggers in the current transaction
    (which the caller rolls back), totals computed."""
    cr.execute(CREATE_TABLE)
    for query in CREATE_TRIGGERS:
        cr.execute(query)
    cr.execute(REBUILD)


def drop_triggers(cr):
    for query in DROP_TRIGGERS:
        cr.execute(query)
