# source: https://github.com/karpathy/nanoGPT/blob/master/train.py
# what: nanoGPT's DDP path, as `torchrun --standalone --nproc_per_node=N train.py`
#   starts it: RANK, LOCAL_RANK and WORLD_SIZE in the environment (set here as torchrun
#   would for rank 0 of 1), init_process_group("nccl"), set_device(f"cuda:{rank}"),
#   DDP(model, device_ids=[local_rank]) and require_backward_grad_sync.
# shrunk: runs nanogpt_train.py (same folder) with that environment.
import os
import runpy

for name, value in (("RANK", "0"), ("LOCAL_RANK", "0"), ("WORLD_SIZE", "1")):
    os.environ.setdefault(name, value)
os.environ.setdefault("MASTER_ADDR", "localhost")
os.environ.setdefault("MASTER_PORT", "29531")
runpy.run_path(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "nanogpt_train.py"),
    run_name="__main__",
)
