"""give a question of a points vote its points

Revision ID: ea8c4e0f116f
Revises: 8b1d4e6f2a90
Create Date: 2026-12-07 21:23:33.576372

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ea8c4e0f116f'
down_revision = '8b1d4e6f2a90'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('points', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('points_per_option', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('points_per_option')
        batch_op.drop_column('points')

