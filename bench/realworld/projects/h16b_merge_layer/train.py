# source: https://github.com/asyml/texar-pytorch/issues/72 https://github.com/asyml/texar-pytorch/pull/74
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F

from model import MultiKernelTextCNN


def batches(n=40, batch_size=32, seq_len=60, vocab=8000):
    for _ in range(n):
        yield torch.randint(1, vocab, (batch_size, seq_len)), torch.randint(0, 2, (batch_size,))


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MultiKernelTextCNN(vocab_size=8000).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    print("trainable params:", sum(p.numel() for p in model.parameters()))
    for step, (tokens, labels) in enumerate(batches()):
        tokens, labels = tokens.to(device), labels.to(device)
        loss = F.cross_entropy(model(tokens), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
