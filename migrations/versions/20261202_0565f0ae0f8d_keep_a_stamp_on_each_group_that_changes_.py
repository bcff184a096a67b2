"""keep a stamp on each group that changes with its plan

Revision ID: 0565f0ae0f8d
Revises: e7eae1740e44
Create Date: 2026-12-02 13:50:59.542017

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0565f0ae0f8d'
down_revision = 'e7eae1740e44'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN on both databases: SQLite's batch mode would copy the table, and
    # dropping the old one fails while tasks and members refer to it. Existing groups all
    # start with the same stamp; the first change to a plan renews its own.
    op.add_column('work_group', sa.Column('plan_stamp', sa.String(length=32), nullable=False,
                                          server_default='before-stamps'))


def downgrade():
    op.drop_column('work_group', 'plan_stamp')
