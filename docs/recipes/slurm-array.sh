#!/bin/bash
# A sweep as a Slurm job array: one shard per array task (docs/sweeps.md, "Beyond one machine").
#   sbatch --array=0-15 docs/recipes/slurm-array.sh            # 16 shards
#   sbatch --dependency=afterok:<job id> --wrap 'pointsim merge out/shard-* --out out/merged'
# A task that fails or is preempted resumes its own shard when it is run again.
#SBATCH --job-name=pointsim-sweep
#SBATCH --cpus-per-task=8
set -euo pipefail
SWEEP=${SWEEP:-sweeps/model.yaml}
OUT=${OUT:-out}
K=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0} + 1))
N=${SLURM_ARRAY_TASK_COUNT}
pointsim sweep "$SWEEP" --workers "${SLURM_CPUS_PER_TASK:-1}" --shard "$K/$N" --out "$OUT/shard-$K" -q --no-progress
