import torch, time
torch.set_num_threads(2)
for s in [(128,784,400),(128,400,784),(640,400,784),(784,128,400),(400,128,784)]:
    a=torch.randn(s[0],s[1]); b=torch.randn(s[1],s[2]); at=torch.randn(s[1],s[0])
    for name,f in [("plain",lambda: a@b),("transA",lambda: at.t()@b)]:
        for rep in range(2):
            t=time.perf_counter()
            for i in range(300): f()
            ms=(time.perf_counter()-t)/300*1e3
        print(s,name,"%.3f ms %.0f GFLOP/s"%(ms,2*s[0]*s[1]*s[2]/ms/1e6))
