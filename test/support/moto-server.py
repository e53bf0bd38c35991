"""moto_server (the same moto), knowing only the AWS managed policies this project uses.

moto loads all of AWS's managed policies (about 1,500) into every IAM backend it builds, and it
builds them again after each reset: over a second of CPU per test, most of the suite's CPU. The
program attaches one AWS managed policy, AdministratorAccess, and reads only that one; a test
that needs another fails with NoSuchEntity naming it: add it to KEEP.

Where python3 cannot import moto (moto_server installed for another Python), this runs
moto_server itself, with every policy.
"""
import json
import os
import sys

KEEP = {"AdministratorAccess"}

try:
    import moto.iam.models as iam_models
    from moto.server import main
except ImportError:
    os.execvp("moto_server", ["moto_server", *sys.argv[1:]])

# Read by each IAM backend as it is built (IAMBackend._init_aws_policies).
every_policy = json.loads(iam_models.aws_managed_policies_data)
iam_models.aws_managed_policies_data = json.dumps({name: policy for name, policy in every_policy.items() if name in KEEP})
main(sys.argv[1:])
