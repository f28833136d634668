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
update by the addons themselves: the stored totals and their triggers
(``customer.wallet.total.init``), the wallet locks, the groups.
"""
import logging

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

# Wallets are switched on explicitly in these addons: a company whose wallet
# account was set had them on.
ADD_WALLET_ENABLED = """
    ALTER TABLE res_company ADD COLUMN IF NOT EXISTS customer_wallet_enabled boolean
"""
SET_WALLET_ENABLED = """
    UPDATE res_company
       SET customer_wallet_enabled = customer_wallet_account_id IS NOT NULL
"""

# Until the post-migration: the update comes from their module.
SET_SWITCH_MARK = """
    INSERT INTO ir_config_parameter (key, value, create_date, write_date)
         VALUES ('account_customer_wallet.switched_from', %(version)s,
                 now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
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
        SELECT view.id
          FROM ir_ui_view view
          JOIN their_view ON view.inherit_id = their_view.id
    )
    SELECT id FROM their_view
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

# The users who moved wallets from the backend with their module (posted
# wallet items outside the closings of point of sale sessions): they keep
# doing it as wallet managers.
BACKEND_WALLET_USERS = """
    SELECT DISTINCT line.create_uid
      FROM account_move_line line
      JOIN res_company company
           ON company.id = line.company_id
          AND company.customer_wallet_account_id = line.account_id
      JOIN res_users users ON users.id = line.create_uid
     WHERE line.parent_state = 'posted'
       AND users.active
       AND NOT users.share
       AND NOT EXISTS (
               SELECT 1
                 FROM ir_model_data
                WHERE module = 'base'
                  AND name IN ('user_root', 'public_user')
                  AND res_id = users.id
           )
       AND (to_regclass('pos_session') IS NULL
            OR NOT EXISTS (SELECT 1 FROM pos_session
                            WHERE pos_session.move_id = line.move_id))
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


def comes_from_coop_it_easy(cr):
    """Whether the installed account_customer_wallet is Coop IT Easy's."""
    if not _fetch(cr, MODULE_STATE, {"module": MODULE}):
        return False
    return not _fetch(cr, OUR_MARK)


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
    views = [row[0] for row in _fetch(cr, THEIR_VIEWS, {"modules": modules})]
    if views:
        cr.execute(DELETE_VIEW_XMLIDS, {"views": views})
        cr.execute(DELETE_VIEWS, {"views": views})
        _logger.info("customer wallet: %s views of their modules removed", len(views))
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
    users who posted wallet items from the backend (top-ups, invoices paid
    from a wallet) become wallet managers, so that they keep doing it.

    :return: the users given the wallet manager group
    """
    if not _fetch(env.cr, POP_SWITCH_MARK):
        return env["res.users"]
    manager = env.ref("account_customer_wallet.group_customer_wallet_manager")
    users = env["res.users"].browse(
        [row[0] for row in _fetch(env.cr, BACKEND_WALLET_USERS)]
    )
    users -= manager.users
    if users:
        manager.sudo().write({"users": [(4, user.id) for user in users]})
        _logger.info(
            "customer wallet: wallet managers now: %s", ", ".join(users.mapped("login"))
        )
    for _partner_id, name, parent in _fetch(env.cr, SPLIT_TREES):
        _logger.warning(
            "customer wallet: %s keeps its own wallet, no longer the one of %s "
            "(a wallet is a commercial entity)",
            name,
            parent,
        )
    return users
