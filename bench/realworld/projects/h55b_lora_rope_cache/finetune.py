# source: https://github.com/deepspeedai/DeepSpeed/issues/3679
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from lora import inject_lora
from model import LlamaLite


def make_loader(n=256, seq_len=256, vocab=32000, batch_size=8):
    tokens = torch.randint(0, vocab, (n, seq_len + 1))
    return DataLoader(TensorDataset(tokens[:, :-1], tokens[:, 1:]), batch_size=batch_size, shuffle=True)


def main(epochs=1, lr=2e-4):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = LlamaLite()
    inject_lora(model, targets=("q_proj", "v_proj"), r=8, alpha=16)
    model.to(device)
    trainable = [p for p in model.parameters() if p.requires_grad]
    print(f"trainable params: {sum(p.numel() for p in trainable):,}")
    optimizer = torch.optim.AdamW(trainable, lr=lr)

    for epoch in range(epochs):
        for step, (inputs, targets) in enumerate(make_loader()):
            inputs, targets = inputs.to(device), targets.to(device)
            logits = model(inputs)
            loss = F.cross_entropy(logits.flatten(0, 1), targets.flatten())
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if step % 8 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
