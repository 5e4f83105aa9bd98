# source: https://github.com/HoyTta0/KnowledgeDistillation/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# bug-lines: 24, 42
# needs: torch, scikit-learn
# cpu: no written where torch was not installed; not run
import time

import torch
import torch.nn.functional as F
from sklearn import metrics


def teacher_evaluate(model, config, loader):
    model.eval()
    total_loss = 0.0
    preds, golds = [], []
    with torch.no_grad():
        for ids, mask, labels in loader:
            ids = ids.to(config.device)
            mask = mask.to(config.device)
            logits = model(ids, mask)
            total_loss += F.cross_entropy(logits, labels).item()
            preds.append(logits.argmax(dim=1).cpu())
            golds.append(labels)
    acc = metrics.accuracy_score(torch.cat(golds).numpy(), torch.cat(preds).numpy())
    return acc, total_loss / max(len(loader), 1)


def teacher_train(model, config, train_loader, dev_loader):
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    best_loss = float("inf")
    step = 0
    start = time.time()
    for epoch in range(config.teacher_epochs):
        model.train()
        for ids, mask, labels in train_loader:
            ids = ids.to(config.device)
            mask = mask.to(config.device)
            logits = model(ids, mask)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % config.eval_every == 0:
                dev_acc, dev_loss = teacher_evaluate(model, config, dev_loader)
                if dev_loss < best_loss:
                    best_loss = dev_loss
                    torch.save(model.state_dict(), config.teacher_ckpt)
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} "
                      f"dev_acc {dev_acc:.4f} ({time.time() - start:.0f}s)")
                model.train()


def teacher_predict(model, config, loader):
    model.load_state_dict(torch.load(config.teacher_ckpt, map_location=config.device))
    model.eval()
    soft_targets = []
    with torch.no_grad():
        for ids, mask, _ in loader:
            soft_targets.append(model(ids.to(config.device), mask.to(config.device)))
    return soft_targets
