"""The grassroots trade union (công đoàn cơ sở): founding, recognition, membership, fees."""
