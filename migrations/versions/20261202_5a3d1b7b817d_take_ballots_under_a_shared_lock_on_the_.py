"""take ballots under a shared lock on the decision, not a counter

Revision ID: 5a3d1b7b817d
Revises: 0565f0ae0f8d
Create Date: 2026-12-02 14:03:18.656943

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5a3d1b7b817d'
down_revision = '0565f0ae0f8d'
branch_labels = None
depends_on = None


def upgrade():
    # The counter was bumped by every ballot only to lock the decision's row; a shared lock
    # does that now without making ballots wait for one another. Dropped in place: SQLite's
    # batch copy cannot drop a table that ballots and the roll refer to.
    op.drop_column('decision', 'submissions')


def downgrade():
    op.add_column('decision', sa.Column('submissions', sa.Integer(), nullable=False, server_default='0'))
