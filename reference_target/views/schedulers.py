"""Schedulers family: the unified guide plus Slurm and Kubernetes pages."""

from reference_target.context import Ctx
from reference_target.page_model import LinkList, Page, Pre, Prose
from reference_target.routing import Registry

page = Registry("schedulers")


@page("/schedulers", "schedulers.guide")
def guide(ctx: Ctx) -> Page:
    return Page("schedulers", "Schedulers", "overview", [
        Prose("Choose a scheduler", (
            "Slurm suits batch training on reserved partitions; Kubernetes suits services and "
            "elastic jobs. Both run on the same GPU fleet and storage.",)),
        LinkList("Guides", (("Slurm", "/schedulers/slurm", "submit batch jobs with sbatch"),
                            ("Kubernetes", "/schedulers/kubernetes", "deploy with kubectl"))),
    ])


@page("/schedulers/slurm", "schedulers.slurm")
def slurm(ctx: Ctx) -> Page:
    return Page("schedulers", "Slurm", "slurm", [
        Prose("Submitting jobs", ("Log in through the bastion and submit to the gpu partition.",)),
        Pre("Example job", "#!/bin/bash\n#SBATCH --partition=gpu\n#SBATCH --gres=gpu:h100:8\n"
            "#SBATCH --time=04:00:00\nsrun python train.py", "Example Slurm batch script"),
    ])


@page("/schedulers/kubernetes", "schedulers.kubernetes")
def kubernetes(ctx: Ctx) -> Page:
    return Page("schedulers", "Kubernetes", "kubernetes", [
        Prose("Deploying", ("Download a kubeconfig from Access, then request GPUs with "
                            "resource limits.",)),
        Pre("Example pod", "resources:\n  limits:\n    nvidia.com/gpu: 1", "Example pod spec"),
    ])
