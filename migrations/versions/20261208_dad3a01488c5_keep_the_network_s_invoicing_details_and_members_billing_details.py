"""keep the network's invoicing details and members' billing details and purchase orders

Revision ID: dad3a01488c5
Revises: ee51d62b2209
Create Date: 2026-12-08 09:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dad3a01488c5'
down_revision = 'ee51d62b2209'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invoicing_details',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('legal_name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('vat_number', sa.String(length=20), nullable=True),
    sa.Column('bank_name', sa.String(length=100), nullable=False),
    sa.Column('sort_code', sa.String(length=6), nullable=False),
    sa.Column('account_number', sa.String(length=8), nullable=False),
    sa.Column('payment_terms_days', sa.Integer(), nullable=False),
    sa.Column('remittance_email', sa.String(length=254), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoicing_details'))
    )
    op.create_table('member_billing',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('po_required', sa.Boolean(), nullable=False),
    sa.Column('purchase_order', sa.String(length=60), nullable=True),
    sa.Column('credit_pence', sa.Integer(), nullable=False),
    sa.CheckConstraint('credit_pence >= 0', name=op.f('ck_member_billing_credit_not_negative')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_billing_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', name=op.f('pk_member_billing'))
    )
    # A plain ADD COLUMN on both databases: other tables refer to invoices.
    op.add_column('invoice', sa.Column('purchase_order', sa.String(length=60), nullable=True))


def downgrade():
    op.drop_column('invoice', 'purchase_order')
    op.drop_table('member_billing')
    op.drop_table('invoicing_details')
