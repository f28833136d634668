import setuptools

with open('VERSION.txt', 'r') as f:
    version = f.read().strip()

setuptools.setup(
    name="odoo-addons-komunigi",
    description="Meta package for komunigi Odoo addons",
    version=version,
    install_requires=[
        'odoo-addon-account_customer_wallet>=16.0dev,<16.1dev',
        'odoo-addon-komunigi_contribution>=16.0dev,<16.1dev',
        'odoo-addon-komunigi_membership>=16.0dev,<16.1dev',
        'odoo-addon-pos_customer_wallet>=16.0dev,<16.1dev',
    ],
    classifiers=[
        'Programming Language :: Python',
        'Framework :: Odoo',
        'Framework :: Odoo :: 16.0',
    ]
)
