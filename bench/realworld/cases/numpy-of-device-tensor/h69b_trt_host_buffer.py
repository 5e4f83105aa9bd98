# source: https://github.com/microsoft/nni/pull/3856
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop, helper
# bug-lines: 30, 41
# needs: torch, numpy, tensorrt, pycuda, torchvision
# cpu: no written where torch was not installed; not run
"""Evaluate an INT8 TensorRT engine built from a quantized PyTorch model."""
import numpy as np
import pycuda.autoinit  # noqa: F401
import pycuda.driver as cuda
import tensorrt as trt
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class TrtInt8Engine:
    def __init__(self, engine_path, batch_size, num_classes):
        runtime = trt.Runtime(trt.Logger(trt.Logger.WARNING))
        with open(engine_path, "rb") as f:
            self.engine = runtime.deserialize_cuda_engine(f.read())
        self.context = self.engine.create_execution_context()
        self.stream = cuda.Stream()
        self.h_out = np.empty((batch_size, num_classes), dtype=np.float32)
        self.d_in = cuda.mem_alloc(batch_size * 3 * 224 * 224 * 4)
        self.d_out = cuda.mem_alloc(self.h_out.nbytes)

    def inference(self, test_data):
        host_in = np.ascontiguousarray(test_data.numpy(), dtype=np.float32)
        cuda.memcpy_htod_async(self.d_in, host_in, self.stream)
        self.context.execute_async_v2([int(self.d_in), int(self.d_out)], self.stream.handle)
        cuda.memcpy_dtoh_async(self.h_out, self.d_out, self.stream)
        self.stream.synchronize()
        return torch.from_numpy(self.h_out[: test_data.shape[0]].copy())


def evaluate(engine, loader, device):
    correct = total = 0
    for images, labels in loader:
        images = images.to(device)
        logits = engine.inference(images)
        correct += (logits.argmax(1) == labels).sum().item()
        total += labels.numel()
    return correct / total


if __name__ == "__main__":
    device = torch.device("cuda")
    tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder("data/val", tf), batch_size=32, drop_last=True, num_workers=4)
    engine = TrtInt8Engine("resnet18_int8.engine", batch_size=32, num_classes=1000)
    print(f"top-1: {evaluate(engine, loader, device):.4f}")
