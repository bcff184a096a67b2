"""pro-rate a first subscription by the months left in the membership year

Revision ID: 30d3646dade8
Revises: dad3a01488c5
Create Date: 2026-12-08 09:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '30d3646dade8'
down_revision = 'dad3a01488c5'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMNs: members, applications and invoices refer to both tables.
    op.add_column('tier', sa.Column('prorate_first_year', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('subscription', sa.Column('months_charged', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('subscription', 'months_charged')
    op.drop_column('tier', 'prorate_first_year')
