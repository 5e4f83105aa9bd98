# source: https://github.com/huggingface/transformers/issues/42205 https://github.com/huggingface/transformers/pull/42228
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 25
# cpu: clean
# needs: torch
import torch
from torch.utils.data import DataLoader

from data import SidewalkSemantic, collate_fn
from model import TinyEomt


def train(num_epochs=2):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = TinyEomt().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loader = DataLoader(SidewalkSemantic(), batch_size=2, shuffle=True, collate_fn=collate_fn)

    model.train()
    for epoch in range(num_epochs):
        running = 0.0
        for batch in loader:
            batch = {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}
            outputs = model(**batch)
            loss = outputs["loss"]
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f}")


if __name__ == "__main__":
    train()
