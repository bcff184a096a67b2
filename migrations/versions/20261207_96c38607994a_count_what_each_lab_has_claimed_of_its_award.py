"""count what each lab has claimed of its award

Revision ID: 96c38607994a
Revises: 2491f44938b2
Create Date: 2026-12-07 20:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '96c38607994a'
down_revision = '2491f44938b2'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN on both databases (SQLite's batch copy fails while other tables
    # refer to labs), then each lab's claims so far, which claims from now on add to.
    op.add_column('lab', sa.Column('claimed_pence', sa.Integer(), nullable=False, server_default='0'))
    op.execute(
        "UPDATE lab SET claimed_pence = "
        "(SELECT coalesce(sum(amount_pence), 0) FROM award_payment WHERE award_payment.lab_id = lab.id)"
    )


def downgrade():
    op.drop_column('lab', 'claimed_pence')
