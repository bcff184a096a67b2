"""keep a stamp on each lab that changes with its public page

Revision ID: b7c2e9a41d05
Revises: 5a3d1b7b817d
Create Date: 2026-12-02 17:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7c2e9a41d05'
down_revision = '5a3d1b7b817d'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN on both databases (SQLite's batch copy fails while other tables
    # refer to labs). Existing labs all start with the same stamp; the first change to a
    # lab's page renews its own.
    op.add_column('lab', sa.Column('page_stamp', sa.String(length=32), nullable=False,
                                   server_default='before-stamps'))


def downgrade():
    op.drop_column('lab', 'page_stamp')
