# source: https://github.com/NVIDIA/apex/issues/121
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: helper, class, loader-loop
# looks-like: partial-dtype-cast
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class BatchNormWrapper(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m.float()
        self.m.eval()

    def forward(self, x):
        input_type = x.dtype
        x = self.m(x.float())
        return x.to(input_type)


def add_lowp_bn_wrapper(model):
    for child_name, child in model.named_children():
        if isinstance(child, nn.BatchNorm2d):
            setattr(model, child_name, BatchNormWrapper(child))
        else:
            add_lowp_bn_wrapper(child)
    return model


def make_backbone(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(),
        nn.Conv2d(32, 64, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, num_classes),
    )


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    low = torch.float16 if device.type == "cuda" else torch.bfloat16
    model = make_backbone().to(device=device, dtype=low)
    model = add_lowp_bn_wrapper(model)
    model.train()
    for m in model.modules():
        if isinstance(m, BatchNormWrapper):
            m.m.eval()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for step in range(3):
        images = torch.randn(8, 3, 32, 32, device=device, dtype=low)
        labels = torch.randint(0, 10, (8,), device=device)
        loss = nn.functional.cross_entropy(model(images).float(), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(step, loss.item())
