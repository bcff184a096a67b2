"""keep overpayments as credit on a member's account, to use or refund

Revision ID: 21936efaae01
Revises: 30d3646dade8
Create Date: 2026-12-08 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '21936efaae01'
down_revision = '30d3646dade8'
branch_labels = None
depends_on = None


def upgrade():
    # No table refers to payments yet, so SQLite may rebuild it to add the check.
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('to_credit_pence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_check_constraint('credit_within_amount', 'to_credit_pence >= 0 AND to_credit_pence <= amount_pence')
    op.create_table('credit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=True),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_pence <> 0', name=op.f('ck_credit_entry_amount_not_zero')),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], name=op.f('fk_credit_entry_created_by_id_person')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_credit_entry_invoice_id_invoice')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_credit_entry_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['payment_id'], ['payment.id'], name=op.f('fk_credit_entry_payment_id_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_entry')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_credit_entry_idempotency_key'))
    )
    op.create_index(op.f('ix_credit_entry_invoice_id'), 'credit_entry', ['invoice_id'], unique=False)
    op.create_index(op.f('ix_credit_entry_member_id'), 'credit_entry', ['member_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_credit_entry_member_id'), table_name='credit_entry')
    op.drop_index(op.f('ix_credit_entry_invoice_id'), table_name='credit_entry')
    op.drop_table('credit_entry')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_payment_credit_within_amount'), type_='check')
        batch_op.drop_column('to_credit_pence')
