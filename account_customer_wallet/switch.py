# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The switch of a database from Coop IT Easy's wallet modules to these addons.

Coop IT Easy's ``account_customer_wallet`` (16.0.1.0.x), ``pos_customer_wallet``
(16.0.1.0.0) and ``portal_customer_wallet`` have the technical names and the
public fields of these addons: a shop replaces their code with ours and runs
``odoo -u account_customer_wallet,pos_customer_wallet``. The migration scripts
of the addons (``migrations/<version>/``) call the functions below; each one
does nothing in a database that already runs these addons, so that the scripts
are no-ops there. The SQL they run is written out here, as the rest of the
addon's SQL is in ``sql.py``: it is run at the update alone.

What their modules had and these addons keep stays as it is: the wallet
account of the company, the wallet journals and their minimum, the wallet
products, the wallet payment methods, every journal item. What is built at the
update by the addons themselves: the covering index of the posted wallet items
that the balances are read through (``account.move.line.init``), the wallet
locks, the groups.
"""
import logging

from odoo import _
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

MODULE = "account_customer_wallet"
PORTAL_MODULE = "portal_customer_wallet"

# An xmlid that these addons have from their first version on and that Coop
# IT Easy's module never had: without it, the database comes from theirs.
OUR_MARK = """
    SELECT 1
      FROM ir_model_data
     WHERE module = 'account_customer_wallet'
       AND name = 'group_customer_wallet_user'
"""

MODULE_STATE = """
    SELECT state FROM ir_module_module WHERE name = %(module)s
"""

# A positive trace of their module: its version (16.0.1.0.x) installed, and
# either our switch to enable wallets not in the schema or their field
# res.partner.account_move_line_ids known.
THEIR_TRACE = """
    SELECT 1
      FROM ir_module_module
     WHERE name = 'account_customer_wallet'
       AND latest_version LIKE '16.0.1.0.%%'
       AND (NOT EXISTS (
                SELECT 1
                  FROM information_schema.columns
                 WHERE table_schema = current_schema()
                   AND table_name = 'res_company'
                   AND column_name = 'customer_wallet_enabled'
            )
            OR EXISTS (
                SELECT 1
                  FROM ir_model_fields
                 WHERE model = 'res.partner'
                   AND name = 'account_move_line_ids'
            ))
"""

# Wallets are switched on explicitly in these addons: a company whose wallet
# account was set had them on.
ADD_WALLET_ENABLED = """
    ALTER TABLE res_company ADD COLUMN IF NOT EXISTS customer_wallet_enabled boolean
"""
SET_WALLET_ENABLED = """
    UPDATE res_company
       SET customer_wallet_enabled = customer_wallet_account_id IS NOT NULL
"""

# Until the post-migration (or pos_customer_wallet's pre-migration when it is
# updated too): the update comes from their module.
SET_SWITCH_MARK = """
    INSERT INTO ir_config_parameter (key, value, create_date, write_date)
         VALUES ('account_customer_wallet.switched_from', %(version)s,
                 now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
"""
GET_SWITCH_MARK = """
    SELECT value FROM ir_config_parameter
     WHERE key = 'account_customer_wallet.switched_from'
"""
POP_SWITCH_MARK = """
    DELETE FROM ir_config_parameter
     WHERE key = 'account_customer_wallet.switched_from'
 RETURNING value
"""

# The views of their modules (and the views that inherit them): the update
# loads ours anew. Left in place until the end of the update, a view of theirs
# that names a field these addons do not have would break the views loaded
# before it is removed, and theirs keep their own xmlids.
THEIR_VIEWS = """
    WITH RECURSIVE their_view (id) AS (
        SELECT res_id
          FROM ir_model_data
         WHERE module = ANY(%(modules)s)
           AND model = 'ir.ui.view'
         UNION
        -- the website's copies of their portal views
        SELECT id
          FROM ir_ui_view
         WHERE %(portal)s AND key LIKE 'portal_customer_wallet.%%'
         UNION
        SELECT view.id
          FROM ir_ui_view view
          JOIN their_view ON view.inherit_id = their_view.id
    )
    SELECT view.id, COALESCE(view.key, view.name), view.inherit_id IS NOT NULL,
           COALESCE(data.module, '-')
      FROM their_view
      JOIN ir_ui_view view ON view.id = their_view.id
 LEFT JOIN ir_model_data data
        ON data.model = 'ir.ui.view' AND data.res_id = view.id
  ORDER BY view.id
"""
DELETE_VIEW_XMLIDS = """
    DELETE FROM ir_model_data
     WHERE model = 'ir.ui.view'
       AND res_id = ANY(%(views)s)
"""
DELETE_VIEWS = """
    DELETE FROM ir_ui_view WHERE id = ANY(%(views)s)
"""

# Their portal module merged into ours: its remaining xmlids become ours (the
# update then removes those that our data does not load), the module is no
# longer installed.
MOVE_PORTAL_XMLIDS = """
    UPDATE ir_model_data portal
       SET module = 'account_customer_wallet'
     WHERE portal.module = 'portal_customer_wallet'
       AND NOT EXISTS (
               SELECT 1
                 FROM ir_model_data ours
                WHERE ours.module = 'account_customer_wallet'
                  AND ours.name = portal.name
           )
"""
DELETE_PORTAL_XMLIDS = """
    DELETE FROM ir_model_data WHERE module = 'portal_customer_wallet'
"""
UNINSTALL_PORTAL = """
    UPDATE ir_module_module
       SET state = 'uninstalled', latest_version = NULL
     WHERE name = 'portal_customer_wallet'
"""

# The moves that the point of sale made (closings, their payments and cash
# statement lines, invoices of orders, payments of invoiced orders): who
# created or posted them was at the till, not moving wallets from the backend.
POS_MOVES = """
    SELECT move_id FROM pos_session WHERE move_id IS NOT NULL
     UNION
    SELECT move_id FROM account_payment WHERE pos_session_id IS NOT NULL
     UNION
    SELECT move_id FROM account_bank_statement_line
     WHERE pos_session_id IS NOT NULL
     UNION
    SELECT account_move FROM pos_order WHERE account_move IS NOT NULL
     UNION
    SELECT account_move_id FROM pos_payment WHERE account_move_id IS NOT NULL
"""

# The users who moved wallets from the backend with their module: who last
# posted a posted payment or a manual entry (on any journal: their setup
# topped up with entries on the bank journal too) with a wallet item, not made
# by the point of sale, and who is a billing user already. The poster is the
# author of the latest change of state tracked on the move; a move without
# one was created posted in one step (the payment wizard does so), by its
# creator. They keep doing it as wallet managers.
BACKEND_WALLET_USERS = """
    WITH wallet_move AS (
        SELECT DISTINCT move.id, move.create_uid
          FROM account_move move
          JOIN account_move_line line ON line.move_id = move.id
          JOIN res_company company
               ON company.id = line.company_id
              AND company.customer_wallet_account_id = line.account_id
         WHERE move.state = 'posted'
           AND move.id != ALL(%(pos_moves)s)
           AND move.move_type = 'entry'
    ), state_change AS (
        SELECT DISTINCT ON (message.res_id) message.res_id, message.create_uid
          FROM mail_message message
          JOIN mail_tracking_value tracking
               ON tracking.mail_message_id = message.id
          JOIN ir_model_fields field
               ON field.id = tracking.field
              AND field.model = 'account.move'
              AND field.name = 'state'
         WHERE message.model = 'account.move'
           AND message.res_id IN (SELECT id FROM wallet_move)
      ORDER BY message.res_id, message.id DESC
    ), poster AS (
        SELECT COALESCE(state_change.create_uid, wallet_move.create_uid) AS uid
          FROM wallet_move
     LEFT JOIN state_change ON state_change.res_id = wallet_move.id
    )
    SELECT DISTINCT users.id
      FROM poster
      JOIN res_users users ON users.id = poster.uid
      JOIN res_groups_users_rel rel ON rel.uid = users.id
      JOIN ir_model_data billing
           ON billing.res_id = rel.gid
          AND billing.model = 'res.groups'
          AND billing.module = 'account'
          AND billing.name = 'group_account_invoice'
     WHERE users.active
       AND NOT users.share
       AND NOT EXISTS (
               SELECT 1
                 FROM ir_model_data
                WHERE module = 'base'
                  AND name IN ('user_root', 'public_user')
                  AND res_id = users.id
           )
"""

# Wallet payment methods on a cash journal (their setup allowed it), and the
# sessions not closed yet of the tills that have them.
CASH_WALLET_METHODS = """
    SELECT method.id, method.name, journal.id, journal.name,
           ARRAY(
               SELECT DISTINCT session.name
                 FROM pos_config_pos_payment_method_rel rel
                 JOIN pos_session session
                   ON session.config_id = rel.pos_config_id
                WHERE rel.pos_payment_method_id = method.id
                  AND session.state != 'closed'
                ORDER BY session.name
           )
      FROM pos_payment_method method
      JOIN account_journal journal ON journal.id = method.journal_id
     WHERE method.is_customer_wallet_method
       AND journal.type = 'cash'
  ORDER BY method.id
"""

# The wallet top-up products that these addons' closing cannot book on the
# wallet account (their setup allowed it): taxed, or with another income
# account (the product's, else its category's) than the wallet account of a
# company that has one.
BAD_TOP_UP_PRODUCTS = """
    SELECT product.id, product.name, product.company_id, product.company,
           product.other_account
      FROM (
        SELECT template.id, template.name, company.id AS company_id,
               company.name AS company,
               EXISTS (
                   SELECT 1
                     FROM product_taxes_rel rel
                     JOIN account_tax tax ON tax.id = rel.tax_id
                    WHERE rel.prod_id = template.id
                      AND tax.company_id = company.id
               ) AS taxed,
               COALESCE(
                   (SELECT value_reference
                      FROM ir_property
                     WHERE name = 'property_account_income_id'
                       AND (res_id = 'product.template,' || template.id
                            OR res_id IS NULL)
                       AND (company_id = company.id OR company_id IS NULL)
                       AND value_reference IS NOT NULL
                  ORDER BY res_id NULLS LAST, company_id NULLS LAST
                     LIMIT 1),
                   (SELECT value_reference
                      FROM ir_property
                     WHERE name = 'property_account_income_categ_id'
                       AND (res_id = 'product.category,' || template.categ_id
                            OR res_id IS NULL)
                       AND (company_id = company.id OR company_id IS NULL)
                       AND value_reference IS NOT NULL
                  ORDER BY res_id NULLS LAST, company_id NULLS LAST
                     LIMIT 1)
               ) IS DISTINCT FROM
                   'account.account,' || company.customer_wallet_account_id
                   AS other_account
          FROM product_template template
          JOIN res_company company
               ON company.customer_wallet_account_id IS NOT NULL
              AND (template.company_id IS NULL
                   OR template.company_id = company.id)
         WHERE template.is_customer_wallet_product
           AND template.active
      ) AS product
     WHERE product.taxed OR product.other_account
  ORDER BY product.id, product.company_id
"""

# The sessions not closed yet whose orders (not invoiced) sell a wallet
# top-up product booked on another income account in the order's company
# (%(products)s and %(companies)s, pairwise), or a wallet top-up line that is
# taxed or has no customer.
BAD_TOP_UP_SESSIONS = """
    SELECT DISTINCT session.name
      FROM pos_order_line line
      JOIN pos_order ON pos_order.id = line.order_id
      JOIN pos_session session ON session.id = pos_order.session_id
      JOIN product_product product ON product.id = line.product_id
      JOIN product_template template ON template.id = product.product_tmpl_id
     WHERE session.state != 'closed'
       AND template.is_customer_wallet_product
       AND pos_order.state IN ('paid', 'done')
       AND pos_order.account_move IS NULL
       AND (pos_order.partner_id IS NULL
            OR EXISTS (SELECT 1
                         FROM unnest(%(products)s::integer[],
                                     %(companies)s::integer[])
                              AS bad (product_id, company_id)
                        WHERE bad.product_id = template.id
                          AND bad.company_id = pos_order.company_id)
            OR EXISTS (SELECT 1
                         FROM account_tax_pos_order_line_rel rel
                        WHERE rel.pos_order_line_id = line.id))
  ORDER BY session.name
"""

# Their closings booked each wallet payment without its customer unless the
# payment method identified the customer ("Identify customer").
SESSIONS_WITHOUT_CUSTOMER = """
    SELECT DISTINCT session.name
      FROM pos_session session
      JOIN pos_payment payment ON payment.session_id = session.id
      JOIN pos_payment_method method ON method.id = payment.payment_method_id
     WHERE session.state = 'closed'
       AND method.is_customer_wallet_method
       AND NOT COALESCE(method.split_transactions, FALSE)
  ORDER BY session.name
"""

# Partners whose wallet was the tree under their topmost parent in their
# module and is their own commercial entity in ours: a company that is the
# contact of another company, or a contact of one.
SPLIT_TREES = """
    SELECT partner.id, partner.name, parent.name
      FROM res_partner partner
      JOIN res_partner parent ON parent.id = partner.parent_id
     WHERE partner.commercial_partner_id != parent.commercial_partner_id
"""


def _fetch(cr, query, params=None):
    cr.execute(query, params or {})
    return cr.fetchall()


def _has_column(cr, table, column):
    cr.execute(
        """
        SELECT 1
          FROM information_schema.columns
         WHERE table_schema = current_schema()
           AND table_name = %(table)s
           AND column_name = %(column)s
        """,
        {"table": table, "column": column},
    )
    return bool(cr.fetchall())


def _jsonb_name(name):
    """A translatable name (jsonb) read in English."""
    if isinstance(name, dict):
        return name.get("en_US") or next(iter(name.values()), "")
    return name


def comes_from_coop_it_easy(cr):
    """Whether the installed account_customer_wallet is Coop IT Easy's: our
    mark absent and a trace of theirs present."""
    if not _fetch(cr, MODULE_STATE, {"module": MODULE}):
        return False
    return not _fetch(cr, OUR_MARK) and bool(_fetch(cr, THEIR_TRACE))


def their_wallet_methods(cr):
    """Whether their pos_customer_wallet's wallet payment methods are there."""
    return _has_column(cr, "pos_payment_method", "is_customer_wallet_method")


def check_cash_wallet_methods(cr):
    """Refuse the switch while a session of a till whose wallet payment
    method uses a cash journal is not closed.

    :return: the rows of CASH_WALLET_METHODS
    """
    if not their_wallet_methods(cr):
        return []
    rows = _fetch(cr, CASH_WALLET_METHODS)
    for _method_id, method, _journal_id, journal, sessions in rows:
        if sessions:
            raise UserError(
                _(
                    "The wallet payment method %(method)s uses the cash journal "
                    "%(journal)s, which these addons book as a bank journal: "
                    "restore the backup, close the sessions %(sessions)s with "
                    "Coop IT Easy's modules before replacing their code, then "
                    "run the update again.",
                    method=_jsonb_name(method),
                    journal=_jsonb_name(journal),
                    sessions=", ".join(sessions),
                )
            )
    return rows


def check_top_ups(cr):
    """Refuse the switch while a wallet top-up product, or a top-up line of a
    session not closed, cannot be booked on the wallet by these addons'
    closing (taxed, another income account, no customer)."""
    if not _has_column(cr, "product_template", "is_customer_wallet_product"):
        return
    products = _fetch(cr, BAD_TOP_UP_PRODUCTS)
    sessions = []
    if _fetch(cr, "SELECT to_regclass('pos_order_line')")[0][0]:
        sessions = [
            row[0]
            for row in _fetch(
                cr,
                BAD_TOP_UP_SESSIONS,
                {
                    "products": [row[0] for row in products if row[4]],
                    "companies": [row[2] for row in products if row[4]],
                },
            )
        ]
    if sessions:
        raise UserError(
            _(
                "The sessions %(sessions)s sell wallet top-ups that these addons "
                "cannot book on the wallets (taxed, on another income account "
                "than the wallet account, or without a customer): restore the "
                "backup, close these sessions with Coop IT Easy's modules before "
                "replacing their code, then run the update again.",
                sessions=", ".join(sessions),
            )
        )
    if products:
        raise UserError(
            _(
                "The wallet top-up products %(products)s are taxed or booked on "
                "another income account than the wallet account: restore the "
                "backup, remove their taxes and set the wallet account as their "
                "income account with Coop IT Easy's modules, then replace their "
                "code and run the update again.",
                products=", ".join(
                    "%s (%s)" % (_jsonb_name(row[1]), row[3]) for row in products
                ),
            )
        )


def log_sessions_without_customer(cr):
    """Log the sessions their module closed with wallet payments booked
    without the customer (a wallet payment method not identifying it)."""
    if not their_wallet_methods(cr):
        return []
    sessions = [row[0] for row in _fetch(cr, SESSIONS_WITHOUT_CUSTOMER)]
    if sessions:
        _logger.warning(
            "customer wallet: the sessions %s were closed by Coop IT Easy's "
            "module with a wallet payment method that did not identify the "
            "customer: their wallet payments were booked without a partner",
            ", ".join(sessions),
        )
    return sessions


def portal_installed(cr):
    """Whether their portal_customer_wallet is (still) marked installed."""
    rows = _fetch(cr, MODULE_STATE, {"module": PORTAL_MODULE})
    return bool(rows) and rows[0][0] in ("installed", "to upgrade", "to remove")


def pre_migrate(cr, version):
    """Before our models are loaded: what their schema lacks, their views
    dropped, their portal module merged.

    :return: whether the database came from Coop IT Easy's module
    """
    switched = comes_from_coop_it_easy(cr)
    portal = portal_installed(cr)
    if not switched and not portal:
        return False
    if switched:
        # before any write: Odoo commits each module's update, so a switch
        # refused later (by pos_customer_wallet) would be half done
        check_cash_wallet_methods(cr)
        check_top_ups(cr)
        log_sessions_without_customer(cr)
    _logger.info(
        "customer wallet: switching from Coop IT Easy's modules (installed %s)",
        version,
    )
    if switched:
        cr.execute(ADD_WALLET_ENABLED)
        cr.execute(SET_WALLET_ENABLED)
        cr.execute(SET_SWITCH_MARK, {"version": version})
    modules = [MODULE, "pos_customer_wallet"] if switched else []
    if portal:
        modules.append(PORTAL_MODULE)
    views = _fetch(cr, THEIR_VIEWS, {"modules": modules, "portal": portal})
    if views:
        ids = [row[0] for row in views]
        cr.execute(DELETE_VIEW_XMLIDS, {"views": ids})
        cr.execute(DELETE_VIEWS, {"views": ids})
        _logger.info("customer wallet: %s views of their modules removed", len(ids))
        for _view_id, key, inheriting, module in views:
            if inheriting:
                _logger.info(
                    "customer wallet: inheriting view %s (module %s) removed",
                    key,
                    module,
                )
    if portal:
        cr.execute(MOVE_PORTAL_XMLIDS)
        cr.execute(DELETE_PORTAL_XMLIDS)
        cr.execute(UNINSTALL_PORTAL)
        _logger.info(
            "customer wallet: portal_customer_wallet merged into account_customer_wallet"
        )
    return switched


def post_migrate(env):
    """After our data is loaded: the groups of the users who moved wallets.

    Billing users are wallet users and billing administrators wallet managers
    through the groups' implications, which the update applies to them. The
    billing users who last posted a journal entry with a wallet item (a
    payment or a manual entry, not an invoice), not made by the point of
    sale (top-ups, invoices paid from a wallet), become wallet managers, so
    that they keep doing it (see BACKEND_WALLET_USERS).

    :return: the users given the wallet manager group
    """
    cr = env.cr
    pos_pending = _fetch(cr, MODULE_STATE, {"module": "pos_customer_wallet"}) == [
        ("to upgrade",)
    ]
    # pos_customer_wallet's pre-migration, which runs next, pops the mark
    if not _fetch(cr, GET_SWITCH_MARK if pos_pending else POP_SWITCH_MARK):
        return env["res.users"]
    pos_moves = []
    if _fetch(cr, "SELECT to_regclass('pos_session')")[0][0]:
        pos_moves = [row[0] for row in _fetch(cr, POS_MOVES)]
    manager = env.ref("account_customer_wallet.group_customer_wallet_manager")
    users = env["res.users"].browse(
        [row[0] for row in _fetch(cr, BACKEND_WALLET_USERS, {"pos_moves": pos_moves})]
    )
    users -= manager.users
    if users:
        manager.sudo().write({"users": [(4, user.id) for user in users]})
        _logger.info(
            "customer wallet: wallet managers now: %s", ", ".join(users.mapped("login"))
        )
    for _partner_id, name, parent in _fetch(cr, SPLIT_TREES):
        _logger.warning(
            "customer wallet: %s keeps its own wallet, no longer the one of %s "
            "(a wallet is a commercial entity)",
            name,
            parent,
        )
    return users
