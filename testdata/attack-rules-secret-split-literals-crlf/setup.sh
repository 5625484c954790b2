. "$CASE/../_lib.sh"
# The key split over two lines that end in CRLF (the rule sees the lines
# joined by "\n", as in an LF file), and once more in a file whose line
# endings are mixed.
mkdir -p app
printf 'import boto3\r\n' > app/s3.py
printf 'import boto3\n' > app/mixed.py
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
printf 'import boto3\r\n\r\nKEY_ID = ("AKIAQ3VZ7K"\r\n          "2MX5PLRT8N")\r\n' > app/s3.py
printf 'import boto3\n\nKEY_ID = ("AKIAQ3VZ7K"\r\n          "2MX5PLRT8N")\n' > app/mixed.py
echo '# touched' >> tests/test_app.py
commit 'change'
