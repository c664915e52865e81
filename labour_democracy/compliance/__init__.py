"""The federation compliance dashboard (theo dõi việc thực hiện dân chủ ở cơ sở)."""
