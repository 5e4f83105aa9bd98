# source: https://github.com/namisan/mt-dnn/issues/53
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# bug-lines: 39
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume multi-task fine-tuning from checkpoints/model_*.pt after an interruption."""
import argparse
import os

import torch
from model import MultiTaskModel

parser = argparse.ArgumentParser()
parser.add_argument("--init_checkpoint", default="checkpoints/model_3.pt")
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--cuda", action="store_true", default=torch.cuda.is_available())
args = parser.parse_args()

opt = {"vocab_size": 30522, "hidden": 256, "task_sizes": [2, 3, 2],
       "learning_rate": 5e-5, "grad_clipping": 1.0}


def fake_batches(n=20, bs=8, seq=32):
    for i in range(n):
        task_id = i % len(opt["task_sizes"])
        ids = torch.randint(0, opt["vocab_size"], (bs, seq))
        labels = torch.randint(0, opt["task_sizes"][task_id], (bs,))
        yield {"task_id": task_id}, (ids, labels)


def main():
    state_dict = None
    if os.path.exists(args.init_checkpoint):
        state_dict = torch.load(args.init_checkpoint, map_location="cpu")
    model = MultiTaskModel(opt, state_dict=state_dict)
    if args.cuda:
        model.network.cuda()
    for epoch in range(args.epochs):
        for batch_meta, (ids, labels) in fake_batches():
            if args.cuda:
                ids, labels = ids.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = model.update(batch_meta, (ids, labels))
        print(f"epoch {epoch} updates {model.updates} loss {loss:.4f}")
        model.save(os.path.join("checkpoints", f"model_{epoch}.pt"))


if __name__ == "__main__":
    main()
