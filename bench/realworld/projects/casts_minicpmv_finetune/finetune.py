# source: https://github.com/OpenBMB/MiniCPM-V/issues/318
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: type-cast-without-device
# shape: multi-file, loader-loop, batch-dict, class
# bug-lines: 61
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from modeling_minicpmv import MiniCPMV


def build_dataset(n=8, seq_len=24):
    return [{"pixel_values": [torch.rand(3, 16, 16)], "input_ids": torch.randint(0, 50, (seq_len,))}
            for _ in range(n)]


def data_collator(examples):
    return {"pixel_values": [ex["pixel_values"] for ex in examples],
            "input_ids": torch.stack([ex["input_ids"] for ex in examples])}


class CPMTrainer:
    def __init__(self, model, args, train_dataset):
        self.model, self.args = model, args
        self.loader = DataLoader(train_dataset, batch_size=args.batch_size, collate_fn=data_collator)
        params = [p for p in model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.SGD(params, lr=args.learning_rate)

    def _prepare_inputs(self, inputs):
        return {"pixel_values": [[p.to(self.args.device) for p in pvs] for pvs in inputs["pixel_values"]],
                "input_ids": inputs["input_ids"].to(self.args.device)}

    def compute_loss(self, inputs):
        vllm_embedding, _ = self.model.get_vllm_embedding(inputs)
        logits = self.model.lm_head(vllm_embedding).float()
        return F.cross_entropy(logits[:, :-1].flatten(0, 1), inputs["input_ids"][:, 1:].flatten())

    def train(self):
        for step, inputs in enumerate(self.loader):
            loss = self.compute_loss(self._prepare_inputs(inputs))
            loss.backward()
            self.optimizer.step()
            self.optimizer.zero_grad()
            print(step, loss.item())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fp16", action="store_true", default=True)
    parser.add_argument("--batch_size", type=int, default=2)
    parser.add_argument("--learning_rate", type=float, default=1e-3)
    args = parser.parse_args()
    args.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MiniCPMV()
    if args.fp16:
        model = model.half()
    model.vpm.requires_grad_(False)
    CPMTrainer(model, args, build_dataset()).train()


if __name__ == "__main__":
    main()
