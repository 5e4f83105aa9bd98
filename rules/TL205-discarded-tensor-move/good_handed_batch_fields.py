# Each field is moved and the moved batch kept.
import torch


def distill_epoch(student, teacher, loader, optimizer, device):
    teacher.eval()
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        with torch.no_grad():
            soft = teacher(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        logits = student(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        loss = torch.nn.functional.kl_div(logits.log_softmax(-1), soft.softmax(-1), reduction="batchmean")
        loss.backward()
        optimizer.step()
